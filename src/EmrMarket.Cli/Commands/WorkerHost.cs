using EmrMarket.Core;
using EmrMarket.Data;
using EmrMarket.Data.Chain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Cli.Commands;

/// <summary>A host with the chain workers (outbox senders, indexer, relayer, anchors, market, revocation) and the change listener.</summary>
internal static class WorkerHost
{
    public static IHost Build(LogLevel minimumLevel)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Services.AddEmrCore(builder.Configuration);
        builder.Services.AddEmrData(builder.Configuration);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChainNotificationListener>());
        builder.Services.AddEmrChainWorkers();
        return builder.Build();
    }
}
