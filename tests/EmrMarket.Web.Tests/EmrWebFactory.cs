using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmrMarket.Web.Tests;

/// <summary>The real app in the test host, pointed at the given PostgreSQL, node and deployment file.</summary>
public sealed class EmrWebFactory(string postgres, Uri rpcUrl, string deploymentFile) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", postgres);
        builder.UseSetting("Chain:RpcUrl", rpcUrl.ToString());
        builder.UseSetting("Chain:ChainId", "31337");
        builder.UseSetting("Chain:DeploymentFile", deploymentFile);
        builder.UseSetting("Chain:RpcTimeoutSeconds", "2");
        builder.UseSetting("Encryption:MasterKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }
}
