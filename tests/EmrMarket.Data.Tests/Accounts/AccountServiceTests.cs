using Dapper;
using EmrMarket.Core.Accounts;
using EmrMarket.Data.Accounts;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Accounts;

public sealed class AccountServiceTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private const string Password = "correct horse battery";
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    private AccountService CreateService() => new(new AccountRepository(database.CreateDataSource()), _clock);

    private static string UniqueEmail() => $"user-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task RegisterAsync_NewAccount_CanSignInWithMixedCaseEmail()
    {
        var service = CreateService();
        var email = UniqueEmail();
        await service.RegisterAsync(email, "Ada", Password, [Roles.Researcher], default);

        var result = await service.SignInAsync("  " + email.ToUpperInvariant(), Password, default);

        Assert.True(result.Succeeded);
        Assert.Equal([Roles.Researcher], result.Account!.Roles);
    }

    [Fact]
    public async Task RegisterAsync_EmailTaken_ThrowsNamingIt()
    {
        var service = CreateService();
        var email = UniqueEmail();
        await service.RegisterAsync(email, "Ada", Password, [Roles.Patient], default);

        var error = await Assert.ThrowsAsync<AccountException>(() => service.RegisterAsync(email, "Eve", Password, [Roles.Patient], default));

        Assert.Contains(email, error.Message);
    }

    [Theory]
    [InlineData("short", "researcher", "at least 12")]
    [InlineData("long enough password", "wizard", "unknown role 'wizard'")]
    public async Task RegisterAsync_InvalidInput_ThrowsClearMessage(string password, string role, string expected)
    {
        var error = await Assert.ThrowsAsync<AccountException>(
            () => CreateService().RegisterAsync(UniqueEmail(), "Ada", password, [role], default));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task RegisterAsync_Always_StoresOnlyAHash()
    {
        var email = UniqueEmail();
        await CreateService().RegisterAsync(email, "Ada", Password, [Roles.Patient], default);

        await using var connection = await database.CreateDataSource().OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<string>("select password_hash from accounts where email = @email", new { email });
        Assert.DoesNotContain(Password, stored);
        Assert.True(stored.Length > 40);
    }

    [Fact]
    public async Task SignInAsync_UnknownEmail_IsWrongCredentials()
    {
        var result = await CreateService().SignInAsync(UniqueEmail(), Password, default);

        Assert.Equal(SignInOutcome.WrongCredentials, result.Outcome);
    }

    [Fact]
    public async Task SignInAsync_RepeatedWrongPasswords_LocksEvenTheRightPasswordUntilTheLockExpires()
    {
        var service = CreateService();
        var email = UniqueEmail();
        await service.RegisterAsync(email, "Ada", Password, [Roles.Patient], default);

        for (var i = 1; i < AccountService.MaxFailedSignIns; i++)
            Assert.Equal(SignInOutcome.WrongCredentials, (await service.SignInAsync(email, "wrong password!", default)).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await service.SignInAsync(email, "wrong password!", default)).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await service.SignInAsync(email, Password, default)).Outcome);

        _clock.Advance(AccountService.LockoutDuration + TimeSpan.FromSeconds(1));
        Assert.True((await service.SignInAsync(email, Password, default)).Succeeded);
    }

    [Fact]
    public async Task IsSessionValidAsync_StampChanged_IsFalse()
    {
        var service = CreateService();
        var account = await service.RegisterAsync(UniqueEmail(), "Ada", Password, [Roles.Patient], default);

        Assert.True(await service.IsSessionValidAsync(account.Id, account.SecurityStamp, default));
        Assert.False(await service.IsSessionValidAsync(account.Id, "stale-stamp", default));
        Assert.False(await service.IsSessionValidAsync(Guid.NewGuid(), account.SecurityStamp, default));
    }
}
