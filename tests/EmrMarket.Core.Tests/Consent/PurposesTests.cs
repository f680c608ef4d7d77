using System.Text.RegularExpressions;
using EmrMarket.Core.Consent;
using EmrMarket.Testing;

namespace EmrMarket.Core.Tests.Consent;

public sealed partial class PurposesTests
{
    private static readonly string Library = Path.Combine(RepoPaths.Contracts, "src", "libraries", "Purposes.sol");

    [GeneratedRegex(@"uint64 internal constant (\w+) = 1 << (\d+);")]
    private static partial Regex Constant();

    [GeneratedRegex(@"uint64 internal constant ALL = \(1 << (\d+)\) - 1;")]
    private static partial Regex AllConstant();

    [Fact]
    public void Defined_EveryPurposeOfTheSolidityLibrary_SameNameAndBit()
    {
        var source = File.ReadAllText(Library);
        var onChain = Constant().Matches(source).ToDictionary(m => m.Groups[1].Value, m => 1ul << int.Parse(m.Groups[2].Value));

        Assert.Equal(onChain.Count, Purposes.Defined.Count);
        foreach (var purpose in Purposes.Defined) Assert.Equal(onChain[purpose.SolidityName], (ulong)purpose.Purpose);
        Assert.Equal((ulong)Purposes.All, (1ul << int.Parse(AllConstant().Match(source).Groups[1].Value)) - 1);
        Assert.Equal(Enum.GetValues<Purpose>().Where(p => p != Purpose.None).Order(), Purposes.Defined.Select(p => p.Purpose).Order());
    }

    [Theory]
    [InlineData(Purpose.None, "none")]
    [InlineData(Purpose.AcademicResearch | Purpose.PublicHealth, "Academic research, Public health")]
    [InlineData((Purpose)(1ul << 7) | Purpose.AiTraining, "AI / ML training, undefined purposes")]
    public void Describe_Set_ListsNamesInBitOrder(Purpose purposes, string expected) => Assert.Equal(expected, Purposes.Describe(purposes));

    [Fact]
    public void AreDefined_ReservedBit_False()
    {
        Assert.True(Purposes.AreDefined(Purposes.All));
        Assert.True(Purposes.AreDefined(Purpose.None));
        Assert.False(Purposes.AreDefined((Purpose)(1ul << 6)));
    }
}
