using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmrMarket.Web.Tests;

/// <summary>
/// The real app in the test host, pointed at the given PostgreSQL, node and deployment file; <c>settings</c> add to
/// or override that configuration (keys, timings, a shared master key for several instances).
/// </summary>
public sealed class EmrWebFactory(string postgres, Uri rpcUrl, string deploymentFile, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", postgres);
        builder.UseSetting("Chain:RpcUrl", rpcUrl.ToString());
        builder.UseSetting("Chain:ChainId", "31337");
        builder.UseSetting("Chain:DeploymentFile", deploymentFile);
        builder.UseSetting("Chain:RpcTimeoutSeconds", "2");
        builder.UseSetting("Encryption:MasterKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }
}
