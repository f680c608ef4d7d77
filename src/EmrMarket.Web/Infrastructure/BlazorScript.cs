using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EmrMarket.Web.Infrastructure;

/// <summary>
/// Serves blazor.web.js. .NET 10 ships it in a NuGet package (Microsoft.AspNetCore.App.Internal.Assets)
/// that the registry we reach does not hold; the ASP.NET Core runtime pack it does hold embeds the
/// script as a resource, and the build copies that assembly beside ours (see the csproj).
/// </summary>
public static class BlazorScript
{
    public const string Path = "/_framework/blazor.web.js";
    private const string ResourceName = "_framework/blazor.web.js";
    private const string SourceAssembly = "blazor-script/Microsoft.AspNetCore.Components.Endpoints.dll";

    private static readonly Lazy<byte[]> Script = new(Load);

    public static IEndpointRouteBuilder MapBlazorScript(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(Script.Value, "text/javascript");
        }).ExcludeFromDescription();
        return endpoints;
    }

    internal static byte[] Load()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, SourceAssembly);
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) != ResourceName) continue;
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var section = pe.GetSectionData(directory.RelativeVirtualAddress);
            var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }
        throw new InvalidOperationException($"{path} holds no {ResourceName}");
    }
}
