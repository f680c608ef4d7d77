using System.Numerics;

namespace EmrMarket.Deid.Internal;

/// <summary>The quasi-identifiers and sensitive columns dictionary-encoded, one column per thread.</summary>
internal sealed class EncodedInput
{
    private EncodedInput(QiAttribute[] attributes, int[][] rowCodes, ColumnCodes[] rawQuasi, ColumnCodes[] sensitive)
    {
        Attributes = attributes;
        RowCodes = rowCodes;
        RawQuasi = rawQuasi;
        Sensitive = sensitive;
        BaseBits = new NodePacking(attributes, new int[attributes.Length]).TotalBits;
    }

    public QiAttribute[] Attributes { get; }

    /// <summary>[attribute][row] → base code.</summary>
    public int[][] RowCodes { get; }

    /// <summary>Each quasi-identifier's input values as given, for the "before" distributions.</summary>
    public ColumnCodes[] RawQuasi { get; }

    public ColumnCodes[] Sensitive { get; }

    /// <summary>Bits of a packed base tuple; decides the key type.</summary>
    public int BaseBits { get; }

    public static EncodedInput Encode(PreparedInput input, int parallelism)
    {
        var policy = input.Policy;
        var quasi = input.QuasiIdentifiers;
        var columns = quasi.Length + input.Sensitive.Length;
        var results = new object?[columns];
        var errors = new Exception?[columns];
        Parallel.For(0, columns, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            try
            {
                if (i < quasi.Length)
                {
                    var column = input.Table.Schema[quasi[i]];
                    results[i] = QiEncoding.Encode(column.Name, input.Cells[quasi[i]], policy.QuasiIdentifiers[i].Hierarchy, column.Kind, input.Scanner);
                }
                else
                {
                    results[i] = ColumnCodes.Encode(input.Cells[input.Sensitive[i - quasi.Length]]);
                }
            }
            catch (DeidException e)
            {
                errors[i] = e;
            }
        });
        // Report the first bad column in policy order, whichever thread met it first.
        if (errors.FirstOrDefault(e => e is not null) is { } error) throw error;

        var encoded = results.Take(quasi.Length).Cast<(QiAttribute Attribute, int[] Rows, ColumnCodes Raw)>().ToArray();
        var result = new EncodedInput(
            encoded.Select(e => e.Attribute).ToArray(),
            encoded.Select(e => e.Rows).ToArray(),
            encoded.Select(e => e.Raw).ToArray(),
            results.Skip(quasi.Length).Cast<ColumnCodes>().ToArray());
        if (result.BaseBits > 128)
            throw new DeidException($"the quasi-identifiers need {result.BaseBits} bits per record, more than the 128 supported: use fewer quasi-identifiers or smaller domains");
        return result;
    }

    /// <summary>Packs one row's base codes into a key.</summary>
    public TKey Pack<TKey>(int row, NodePacking packing) where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var key = TKey.Zero;
        for (var d = 0; d < RowCodes.Length; d++) key |= TKey.CreateTruncating(RowCodes[d][row]) << packing.Shifts[d];
        return key;
    }
}
