using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Data.Ingest;

/// <summary>Binary COPY writes that turn null into SQL NULL.</summary>
internal static class ImporterExtensions
{
    public static void Text(this NpgsqlBinaryImporter i, string? value)
    {
        if (value is null) i.WriteNull();
        else i.Write(value, NpgsqlDbType.Text);
    }

    public static void Texts(this NpgsqlBinaryImporter i, string[] value) => i.Write(value, NpgsqlDbType.Array | NpgsqlDbType.Text);

    public static void Uuid(this NpgsqlBinaryImporter i, Guid? value)
    {
        if (value is null) i.WriteNull();
        else i.Write(value.Value, NpgsqlDbType.Uuid);
    }

    public static void Time(this NpgsqlBinaryImporter i, DateTimeOffset? value)
    {
        if (value is null) i.WriteNull();
        else i.Write(value.Value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }

    public static void Number(this NpgsqlBinaryImporter i, double? value)
    {
        if (value is null) i.WriteNull();
        else i.Write(value.Value, NpgsqlDbType.Double);
    }

    public static void Integer(this NpgsqlBinaryImporter i, int? value)
    {
        if (value is null) i.WriteNull();
        else i.Write(value.Value, NpgsqlDbType.Integer);
    }

    public static void Boolean(this NpgsqlBinaryImporter i, bool? value)
    {
        if (value is null) i.WriteNull();
        else i.Write(value.Value, NpgsqlDbType.Boolean);
    }

    public static void Bytes(this NpgsqlBinaryImporter i, byte[]? value)
    {
        if (value is null) i.WriteNull();
        else i.Write(value, NpgsqlDbType.Bytea);
    }
}
