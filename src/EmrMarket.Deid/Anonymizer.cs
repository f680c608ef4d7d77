using System.Diagnostics;
using EmrMarket.Deid.Internal;
using EmrMarket.Deid.Pseudonyms;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid;

/// <summary>
/// The de-identification engine: applies HIPAA Safe Harbor (45 CFR 164.514(b)(2)), then finds the
/// generalization of the quasi-identifiers with the least information loss that makes the table
/// k-anonymous (and l-diverse) with at most the allowed share of records suppressed, searching the
/// whole generalization lattice exactly; writes the output, checks it for leftover identifiers,
/// and reports risk and utility. The same input and policy always give the same result.
/// </summary>
public static class Anonymizer
{
    /// <summary>De-identifies a table under a policy.</summary>
    /// <param name="table">The input, with each column's role, type and identifier kind.</param>
    /// <param name="policy">What the output must satisfy.</param>
    /// <param name="secret">The dataset's secret, needed for pseudonyms and date shifting.</param>
    /// <param name="options">Engine settings (threads, cache); they never change the result.</param>
    /// <param name="cancellationToken">Stops a long search.</param>
    /// <returns>The output and report, or a report saying why there is no output.</returns>
    /// <exception cref="DeidException">Bad input: a missing column, a value absent from its hierarchy, a malformed hierarchy, an impossible k…</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static AnonymizationResult Run(
        Table table, DeidPolicy policy, DatasetSecret? secret = null, AnonymizerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnonymizerOptions();
        var clock = Stopwatch.StartNew();
        var input = PreparedInput.Prepare(table, policy, secret);
        var encoded = EncodedInput.Encode(input, options.MaxDegreeOfParallelism);
        cancellationToken.ThrowIfCancellationRequested();
        return encoded.BaseBits <= 64
            ? new AnonymizationRun<ulong>(input, encoded, options, secret).Execute(clock, cancellationToken)
            : new AnonymizationRun<UInt128>(input, encoded, options, secret).Execute(clock, cancellationToken);
    }
}
