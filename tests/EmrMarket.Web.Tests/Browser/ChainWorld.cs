using System.Security.Cryptography;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Wallets;
using EmrMarket.Data;
using EmrMarket.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>
/// A database of its own, a fresh deployment on the test anvil, and the web app on them with every chain key and the
/// workers running (polling fast): one per test class. <see cref="StartInstanceAsync"/> starts more instances on the
/// same database and chain, like app servers behind a load balancer.
/// </summary>
public class ChainWorld : IAsyncLifetime
{
    public const string Password = "a long enough password";

    private readonly PostgresDatabase _database = new();

    public DeployedChain Chain { get; } = new();

    public string MasterKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public LiveApp App { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await Chain.InitializeAsync();
        await using (var dataSource = _database.CreateDataSource())
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(default);
        App = await StartInstanceAsync();
    }

    public Task<LiveApp> StartInstanceAsync()
    {
        var settings = ChainApp.Settings(ConnectionString, Chain, MasterKey);
        foreach (var (key, value) in ExtraSettings) settings[key] = value;
        return LiveApp.StartAsync(ConnectionString, Chain.RpcUrl, Chain.DeploymentFile, settings);
    }

    /// <summary>Settings a derived world adds to every instance.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>A new account in <paramref name="role"/>, with a custodial wallet unless told otherwise.</summary>
    public async Task<TestAccount> NewAccountAsync(string role, string? name = null, bool wallet = true)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        var account = await Get<AccountService>().RegisterAsync(email, name ?? $"Test {role}", Password, [role], default);
        if (wallet) await Get<WalletService>().EnsureCustodialWalletAsync(account.Id, default);
        return new TestAccount(account.Id, email, account.DisplayName);
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Chain.DisposeAsync();
        await _database.DisposeAsync();
    }
}
