namespace EmrMarket.Web.Components.Shared;

/// <summary>What a <see cref="StatusMessage"/> reports; errors are announced at once (role="alert"), the rest politely.</summary>
public enum MessageKind
{
    Info,
    Success,
    Pending,
    Warning,
    Error,
}
