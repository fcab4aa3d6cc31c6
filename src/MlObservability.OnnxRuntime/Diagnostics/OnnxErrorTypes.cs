using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime.Diagnostics;

/// <summary>
/// Turns a failed run into the <c>error.type</c> tag: the ONNX Runtime error code name (<c>InvalidArgument</c>,
/// <c>RuntimeException</c>, ...) for <see cref="OnnxRuntimeException"/>, else the exception type name. Known codes come
/// from a table, so classifying a known error allocates nothing.
/// </summary>
internal static class OnnxErrorTypes
{
    private const string Prefix = "[ErrorCode:";

    // The names of ONNX Runtime's error codes (OrtErrorCode) as the managed layer prints them. The managed enum is internal,
    // so the table is kept here; a code missing from it is still reported, by the name found in the message.
    private static readonly string[] CodeNames =
    [
        "Fail", "InvalidArgument", "NoSuchFile", "NoModel", "EngineError", "RuntimeException", "InvalidProtobuf",
        "ModelLoaded", "NotImplemented", "InvalidGraph", "EPFail", "ModelLoadCanceled", "ModelRequiresCompilation", "NotFound",
    ];

    private static readonly System.Buffers.SearchValues<char> IdentifierCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    public static string Of(Exception error)
    {
        if (error is OnnxRuntimeException)
        {
            // The managed exception keeps the code only in its message: "[ErrorCode:InvalidArgument] ...".
            var message = error.Message.AsSpan();
            if (message.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var rest = message[Prefix.Length..];
                int end = rest.IndexOf(']');
                if (end > 0)
                {
                    var code = rest[..end];
                    foreach (string name in CodeNames)
                    {
                        if (code.SequenceEqual(name))
                        {
                            return name;
                        }
                    }

                    if (code.Length <= 64 && !code.ContainsAnyExcept(IdentifierCharacters))
                    {
                        return code.ToString();
                    }
                }
            }

            return nameof(OnnxRuntimeException);
        }

        return error.GetType().Name;
    }
}
