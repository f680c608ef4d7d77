using EmrMarket.Core.Accounts;
using EmrMarket.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Cli.Commands;

public sealed class SeedCommand : ICommand
{
    public string Name => "seed";

    public string Description => "create the local demo (accounts for every role); safe to run again";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var created = await DemoAccounts.EnsureStaffAsync(
            services.GetRequiredService<AccountService>(), services.GetRequiredService<IAccountRepository>(), cancellationToken);
        await output.WriteLineAsync($"demo accounts: {created} created, {DemoAccounts.Staff.Count - created} already there");
        return 0;
    }
}
