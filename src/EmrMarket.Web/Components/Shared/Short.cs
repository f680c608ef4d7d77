namespace EmrMarket.Web.Components.Shared;

/// <summary>Long hex shortened for reading ("0x1234…cdef"); the full value goes into a title or label beside it.</summary>
public static class Short
{
    public static string Of(string hex) => hex.Length <= 14 ? hex : $"{hex[..6]}…{hex[^4..]}";
}
