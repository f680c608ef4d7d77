using EmrMarket.Cli.Commands;
using EmrMarket.Core;
using EmrMarket.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Cli;

/// <summary>The operator's command line: `emr &lt;command&gt; [arguments]`.</summary>
public static class CliApp
{
    private static readonly ICommand[] Commands =
        [new MigrateCommand(), new HealthCommand(), new SeedCommand(), new IngestCommand(), new RotateKeysCommand(), new GenerateCommand(), new DeployCommand(), new DeidCommand(), new VerifyCommand(),
         new WorkerCommand(), new ReindexCommand()];

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var command = args.Length == 0 ? null : Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await output.WriteLineAsync(Usage());
            return args.Length == 0 || args[0] is "help" or "--help" or "-h" ? 0 : 64;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddEmrCore(builder.Configuration);
        builder.Services.AddEmrData(builder.Configuration);
        using var host = builder.Build();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        try
        {
            return await command.RunAsync(host.Services, args[1..], output, cancellation.Token);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"emr {command.Name}: configuration is incomplete: {string.Join("; ", e.Failures)}");
            return 78;
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"emr {command.Name}: {e.Message}");
            return e.ExitCode;
        }
    }

    private static string Usage() =>
        "usage: emr <command> [arguments]\n\ncommands:\n" +
        string.Join("\n", Commands.Select(c => $"  {c.Name,-12} {c.Description}")) +
        "\n\nConfiguration comes from environment variables such as Database__ConnectionString and Chain__RpcUrl.";
}
