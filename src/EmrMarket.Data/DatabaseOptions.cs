using System.ComponentModel.DataAnnotations;

namespace EmrMarket.Data;

/// <summary>Where PostgreSQL is. Bound from the "Database" section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required(ErrorMessage = "Database:ConnectionString is required (an Npgsql connection string)")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
