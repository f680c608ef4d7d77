using System.Globalization;
using EmrMarket.Deid;

namespace EmrMarket.Cli.Commands;

/// <summary>The parsed arguments of <c>emr deid</c>.</summary>
public sealed record DeidArguments
{
    public const string Usage =
        "usage: emr deid <input.csv> --qi COLUMN=HIERARCHY [--qi …] --out DIR\n" +
        "         [--sensitive COLUMN]… [--keep COLUMN]… [--name COLUMN]… [--kind COLUMN=zip|date|age]…\n" +
        "         [--k 5] [--l L] [--l-variant distinct|entropy] [--suppression 0.05] [--metric loss|entropy|discernibility]\n" +
        "         [--pseudonym COLUMN --secret-file FILE] [--date-shift DAYS] [--no-safe-harbor] [--separator ,]\n" +
        "  HIERARCHY is builtin:age|zip|date|suppression or an ARX hierarchy CSV (value;level1;…;*).\n" +
        "  Columns not named are left out. The secret may also come from EMR_DEID_SECRET (hex).";

    public required string Input { get; init; }

    public required string Out { get; init; }

    public required IReadOnlyList<(string Column, string Hierarchy)> QuasiIdentifiers { get; init; }

    public IReadOnlyList<string> Sensitive { get; init; } = [];

    public IReadOnlyList<string> Keep { get; init; } = [];

    public IReadOnlyList<string> Names { get; init; } = [];

    public IReadOnlyDictionary<string, string> Kinds { get; init; } = new Dictionary<string, string>();

    public int K { get; init; } = 5;

    public double? L { get; init; }

    public LDiversityVariant LVariant { get; init; } = LDiversityVariant.Distinct;

    public double Suppression { get; init; }

    public InformationLossMetric Metric { get; init; } = InformationLossMetric.Loss;

    public string? Pseudonym { get; init; }

    public string? SecretFile { get; init; }

    public int DateShiftDays { get; init; }

    public bool SafeHarbor { get; init; } = true;

    public char Separator { get; init; } = ',';

    /// <exception cref="CommandException">A missing or malformed argument (exit code 64).</exception>
    public static DeidArguments Parse(string[] args)
    {
        string? input = null, output = null, pseudonym = null, secretFile = null;
        var qis = new List<(string, string)>();
        List<string> sensitive = [], keep = [], names = [];
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        int k = 5, shift = 0;
        double? l = null;
        double suppression = 0;
        var variant = LDiversityVariant.Distinct;
        var metric = InformationLossMetric.Loss;
        var safeHarbor = true;
        var separator = ',';
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw Bad($"{arg} needs a value");
            switch (arg)
            {
                case "--qi": qis.Add(Pair(Value(), arg)); break;
                case "--kind": var (column, kind) = Pair(Value(), arg); kinds[column] = kind; break;
                case "--sensitive": sensitive.Add(Value()); break;
                case "--keep": keep.Add(Value()); break;
                case "--name": names.Add(Value()); break;
                case "--k": k = Number<int>(Value(), arg); break;
                case "--l": l = Number<double>(Value(), arg); break;
                case "--l-variant": variant = Choice<LDiversityVariant>(Value(), arg); break;
                case "--suppression": suppression = Number<double>(Value(), arg); break;
                case "--metric": metric = Value() switch { "entropy" => InformationLossMetric.NonUniformEntropy, var m => Choice<InformationLossMetric>(m, arg) }; break;
                case "--out": output = Value(); break;
                case "--pseudonym": pseudonym = Value(); break;
                case "--secret-file": secretFile = Value(); break;
                case "--date-shift": shift = Number<int>(Value(), arg); break;
                case "--no-safe-harbor": safeHarbor = false; break;
                case "--separator": separator = Value() is [var c] ? c : throw Bad("--separator takes one character"); break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal)) throw Bad($"unknown option {arg}");
                    if (input is not null) throw Bad($"one input file only ('{input}' and '{arg}')");
                    input = arg;
                    break;
            }
        }
        if (input is null) throw Bad("no input CSV file");
        if (output is null) throw Bad("--out DIR is required");
        if (qis.Count == 0) throw Bad("name at least one quasi-identifier with --qi COLUMN=HIERARCHY");
        return new DeidArguments
        {
            Input = input, Out = output, QuasiIdentifiers = qis, Sensitive = sensitive, Keep = keep, Names = names, Kinds = kinds,
            K = k, L = l, LVariant = variant, Suppression = suppression, Metric = metric, Pseudonym = pseudonym, SecretFile = secretFile,
            DateShiftDays = shift, SafeHarbor = safeHarbor, Separator = separator,
        };
    }

    private static (string, string) Pair(string value, string option)
    {
        var equals = value.IndexOf('=');
        return equals > 0 && equals < value.Length - 1 ? (value[..equals], value[(equals + 1)..]) : throw Bad($"{option} takes COLUMN=VALUE, not '{value}'");
    }

    private static T Number<T>(string value, string option) where T : IParsable<T> =>
        T.TryParse(value, CultureInfo.InvariantCulture, out var number) ? number : throw Bad($"{option} takes a number, not '{value}'");

    private static T Choice<T>(string value, string option) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var choice) && Enum.IsDefined(choice)
            ? choice
            : throw Bad($"{option} takes one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{value}'");

    private static CommandException Bad(string message) => new($"{message}\n{Usage}", 64);
}
