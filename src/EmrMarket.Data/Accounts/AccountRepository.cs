using Dapper;
using EmrMarket.Core.Accounts;
using Npgsql;

namespace EmrMarket.Data.Accounts;

public sealed class AccountRepository(NpgsqlDataSource dataSource) : IAccountRepository
{
    private const string Columns = """
        id, email, display_name as DisplayName, roles, password_hash as PasswordHash,
        security_stamp as SecurityStamp, failed_sign_ins as FailedSignIns, locked_until as LockedUntil,
        created_at as CreatedAt
        """;

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"select {Columns} from accounts where email = @email", new { email }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    public async Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"select {Columns} from accounts where id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    public async Task<bool> TryCreateAsync(Account account, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            insert into accounts (id, email, display_name, roles, password_hash, security_stamp, created_at)
            values (@Id, @Email, @DisplayName, @Roles, @PasswordHash, @SecurityStamp, @CreatedAt)
            on conflict (email) do nothing
            """,
            new { account.Id, account.Email, account.DisplayName, Roles = account.Roles.ToArray(), account.PasswordHash,
                  account.SecurityStamp, account.CreatedAt },
            cancellationToken: cancellationToken));
        return inserted == 1;
    }

    public async Task RecordFailedSignInAsync(Guid id, int failedSignIns, DateTimeOffset? lockedUntil, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update accounts set failed_sign_ins = @failedSignIns, locked_until = @lockedUntil where id = @id",
            new { id, failedSignIns, lockedUntil }, cancellationToken: cancellationToken));
    }

    public async Task RecordSignInAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update accounts set failed_sign_ins = 0, locked_until = null, last_sign_in_at = now() where id = @id",
            new { id }, cancellationToken: cancellationToken));
    }

    public async Task SetPasswordAsync(Guid id, string passwordHash, string securityStamp, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update accounts set password_hash = @passwordHash, security_stamp = @securityStamp where id = @id",
            new { id, passwordHash, securityStamp }, cancellationToken: cancellationToken));
    }

    private sealed class AccountRow
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string[] Roles { get; init; } = [];
        public string PasswordHash { get; init; } = "";
        public string SecurityStamp { get; init; } = "";
        public int FailedSignIns { get; init; }
        public DateTime? LockedUntil { get; init; }
        public DateTime CreatedAt { get; init; }

        public Account ToAccount() => new(Id, Email, DisplayName, Roles, PasswordHash, SecurityStamp, FailedSignIns,
            LockedUntil is null ? null : new DateTimeOffset(LockedUntil.Value, TimeSpan.Zero),
            new DateTimeOffset(CreatedAt, TimeSpan.Zero));
    }
}
