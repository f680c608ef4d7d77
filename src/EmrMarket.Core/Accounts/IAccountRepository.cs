namespace EmrMarket.Core.Accounts;

public interface IAccountRepository
{
    Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Inserts the account; false if the e-mail address is taken.</summary>
    Task<bool> TryCreateAsync(Account account, CancellationToken cancellationToken);

    Task RecordFailedSignInAsync(Guid id, int failedSignIns, DateTimeOffset? lockedUntil, CancellationToken cancellationToken);

    Task RecordSignInAsync(Guid id, CancellationToken cancellationToken);

    Task SetPasswordAsync(Guid id, string passwordHash, string securityStamp, CancellationToken cancellationToken);
}
