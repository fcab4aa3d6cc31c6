#!/usr/bin/env bash
# Packs every src project, then installs the core package from the local folder into a throwaway console project
# and runs it: proof that the package restores, carries the [Instrumented] generator, and works outside this repository.
# Then builds and runs the README quick start from the same packages (.ci/readme-quickstart-smoke.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/artifacts/packages"
rm -rf "$out"
# The same command the README gives users for a local feed.
bash scripts/pack-local.sh "$out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(ls "$out" | sed -n 's/^MlObservability\.\([0-9][^/]*\)\.nupkg$/\1/p' | head -1)
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$out" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat > "$work/Smoke.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="MlObservability" Version="$version" />
  </ItemGroup>
</Project>
XML
cp "$root/.ci/package-smoke/Program.cs" "$work/Program.cs"
# Isolate from the repository's Directory.Build.props / Directory.Packages.props.
touch "$work/Directory.Build.props" "$work/Directory.Packages.props"
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"
# A private package cache, so the package just packed is used even if an older build of the same version was cached.
(cd "$work" && NUGET_PACKAGES="$work/nuget-cache" dotnet run -c Release --nologo)

# The README quick start, copied verbatim into a fresh `dotnet new web` app, builds, runs and is scraped.
bash "$root/.ci/readme-quickstart-smoke.sh" "$out"
