using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace EmrMarket.Core.Accounts;

/// <summary>Registration and password sign-in, with a lockout after repeated failures.</summary>
public sealed class AccountService(IAccountRepository accounts, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public const int MinPasswordLength = 12;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    private static readonly PasswordHasher<Account> Hasher = new();

    public async Task<Account> RegisterAsync(string email, string displayName, string password, IReadOnlyList<string> roles,
        CancellationToken cancellationToken)
    {
        email = NormalizeEmail(email);
        if (!email.Contains('@', StringComparison.Ordinal)) throw new AccountException($"'{email}' is not an e-mail address");
        if (password.Length < MinPasswordLength) throw new AccountException($"a password needs at least {MinPasswordLength} characters");
        var unknown = roles.FirstOrDefault(r => !Roles.IsKnown(r));
        if (unknown is not null) throw new AccountException($"unknown role '{unknown}'");
        if (roles.Count == 0) throw new AccountException("an account needs at least one role");

        var account = new Account(Guid.NewGuid(), email, displayName.Trim(), roles, "", NewStamp(), 0, null, clock.GetUtcNow());
        account = account with { PasswordHash = Hasher.HashPassword(account, password) };
        if (!await accounts.TryCreateAsync(account, cancellationToken))
            throw new AccountException($"an account for {email} already exists");
        return account;
    }

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(NormalizeEmail(email), cancellationToken);
        if (account is null)
        {
            // Same work as a real check, so response time does not reveal which addresses exist.
            Hasher.VerifyHashedPassword(DummyAccount, DummyHash, password);
            return new SignInResult(SignInOutcome.WrongCredentials);
        }
        var now = clock.GetUtcNow();
        if (account.LockedUntil > now) return new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil);

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failures = account.FailedSignIns + 1;
            DateTimeOffset? lockedUntil = failures >= MaxFailedSignIns ? now + LockoutDuration : null;
            await accounts.RecordFailedSignInAsync(account.Id, lockedUntil is null ? failures : 0, lockedUntil, cancellationToken);
            return lockedUntil is null
                ? new SignInResult(SignInOutcome.WrongCredentials)
                : new SignInResult(SignInOutcome.LockedOut, LockedUntil: lockedUntil);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            await accounts.SetPasswordAsync(account.Id, Hasher.HashPassword(account, password), account.SecurityStamp, cancellationToken);
        await accounts.RecordSignInAsync(account.Id, cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, account);
    }

    /// <summary>True while the account exists and its security stamp is the one the session was issued with.</summary>
    public async Task<bool> IsSessionValidAsync(Guid accountId, string securityStamp, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken);
        return account is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(account.SecurityStamp), System.Text.Encoding.UTF8.GetBytes(securityStamp));
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static readonly Account DummyAccount = new(Guid.Empty, "", "", [], "", "", 0, null, default);
    private static readonly string DummyHash = Hasher.HashPassword(DummyAccount, "dummy-password-for-timing");
}
