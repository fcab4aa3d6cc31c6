using System.Reflection;
using System.Text;

namespace MlObservability.Tests.Shared;

/// <summary>
/// Public-API approval: renders the public surface of an assembly as sorted text and compares it with the file checked
/// in under tests/PublicApi/. Any change to the public API fails the test until the file is updated on purpose:
/// run the tests with MLOBS_UPDATE_PUBLIC_API=1 and review the diff.
/// </summary>
internal static class PublicApiApprover
{
    public static void Approve(Assembly assembly)
    {
        string actual = Render(assembly);
        string file = Path.Combine(RepositoryRoot(), "tests", "PublicApi", assembly.GetName().Name + ".txt");
        if (Environment.GetEnvironmentVariable("MLOBS_UPDATE_PUBLIC_API") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
        }

        Assert.That(File.Exists(file), Is.True, $"No approved API file at {file}; run the tests with MLOBS_UPDATE_PUBLIC_API=1 to create it.");
        string approved = File.ReadAllText(file).ReplaceLineEndings("\n");
        if (approved != actual)
        {
            var approvedLines = approved.Split('\n').ToHashSet();
            var actualLines = actual.Split('\n').ToHashSet();
            string added = string.Join("\n", actualLines.Except(approvedLines).Take(20).Select(l => "+ " + l));
            string removed = string.Join("\n", approvedLines.Except(actualLines).Take(20).Select(l => "- " + l));
            Assert.Fail($"The public API of {assembly.GetName().Name} changed. If intended, run the tests with MLOBS_UPDATE_PUBLIC_API=1 and commit tests/PublicApi.\n{added}\n{removed}");
        }
    }

    public static string Render(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add(TypeLine(type));
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true } || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Select(m => "  " + MemberLine(m))
                .Where(l => l.Trim().Length > 0)
                .Distinct()
                .OrderBy(l => l, StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string TypeLine(Type type)
    {
        var sb = new StringBuilder();
        sb.Append(type.IsInterface ? "interface " : type.IsEnum ? "enum " : type.IsValueType ? "struct " : type.IsSubclassOf(typeof(Delegate)) ? "delegate " : "class ");
        if (type.IsClass && type.IsAbstract && type.IsSealed)
        {
            sb.Insert(0, "static ");
        }
        else if (type.IsClass && type.IsSealed && !type.IsSubclassOf(typeof(Delegate)))
        {
            sb.Insert(0, "sealed ");
        }
        else if (type.IsClass && type.IsAbstract)
        {
            sb.Insert(0, "abstract ");
        }

        sb.Append(Name(type));
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && b != typeof(MulticastDelegate))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).OrderBy(n => n, StringComparer.Ordinal));
        if (bases.Count > 0)
        {
            sb.Append(" : ").Append(string.Join(", ", bases));
        }

        return sb.ToString();
    }

    private static string MemberLine(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c.GetParameters())})",
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m.GetParameters())})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ") : string.Empty)}}}",
        FieldInfo f when f.IsLiteral => $"const {Name(f.FieldType)} {f.Name} = {f.GetRawConstantValue()}",
        FieldInfo f => $"{(f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {Name(nested)}",
        _ => string.Empty,
    };

    private static string GenericArguments(MethodInfo m) =>
        m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : string.Empty)}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        string name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlObservability.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MlObservability.sln not found above " + AppContext.BaseDirectory);
    }
}
