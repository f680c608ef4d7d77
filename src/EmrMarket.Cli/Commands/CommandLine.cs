namespace EmrMarket.Cli.Commands;

/// <summary>Options (<c>--name value</c>) and positional arguments of one command.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public CommandLine(string[] args, params string[] known)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(args[i]);
                continue;
            }
            var name = args[i][2..];
            if (!known.Contains(name)) throw new CommandException($"unknown option --{name} (known: {string.Join(", ", known.Select(k => "--" + k))})", 64);
            if (i + 1 >= args.Length) throw new CommandException($"--{name} needs a value", 64);
            _options[name] = args[++i];
        }
    }

    public List<string> Positional { get; } = [];

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new CommandException($"--{name} is required", 64);
}
