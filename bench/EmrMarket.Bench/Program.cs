using System.Diagnostics;
using EmrMarket.Bench;

var suites = typeof(IBenchmarkSuite).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IBenchmarkSuite)))
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name)
    .ToList();

var selected = args.Length == 0 ? null : suites.FirstOrDefault(s => s.Name == args[0]);
if (selected is null && args is not ["all"])
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/EmrMarket.Bench -- <suite>|all [options]\n\nsuites:");
    foreach (var suite in suites) Console.WriteLine($"  {suite.Name,-12} {suite.Description}");
    return args.Length == 0 ? 0 : 64;
}

if (Debugger.IsAttached || typeof(Program).Assembly.GetCustomAttributes(false).OfType<DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled))
    Console.Error.WriteLine("warning: not an optimised build; run with -c Release for real figures");

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
foreach (var suite in selected is null ? suites : [selected])
{
    Console.WriteLine($"\n## {suite.Name}\n");
    await suite.RunAsync(args[1..], Console.Out, CancellationToken.None);
}
return 0;
