using EmrMarket.Core.Accounts;

namespace EmrMarket.Core.Demo;

/// <summary>The accounts the local demo creates, one per role (listed in the README; local use only).</summary>
public static class DemoAccounts
{
    public const string Password = "demo-password-1";

    public static IReadOnlyList<(string Email, string Name, string Role)> Staff { get; } =
    [
        ("researcher@demo.emrmarket.test", "Riley Researcher", Roles.Researcher),
        ("compliance@demo.emrmarket.test", "Casey Compliance", Roles.Compliance),
        ("curator@demo.emrmarket.test", "Cameron Curator", Roles.Curator),
        ("provider@demo.emrmarket.test", "Pat Provider (General Hospital)", Roles.Provider),
    ];

    /// <summary>Creates each staff account that does not exist yet; returns how many were created.</summary>
    public static async Task<int> EnsureStaffAsync(AccountService accounts, IAccountRepository repository, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var (email, name, role) in Staff)
        {
            if (await repository.FindByEmailAsync(email, cancellationToken) is not null) continue;
            await accounts.RegisterAsync(email, name, Password, [role], cancellationToken);
            created++;
        }
        return created;
    }
}
