namespace EmrMarket.Core.Accounts;

/// <summary>A person who signs in. Passwords are held only as Identity hashes.</summary>
public sealed record Account(
    Guid Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string PasswordHash,
    string SecurityStamp,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt)
{
    public bool IsInRole(string role) => Roles.Contains(role);
}
