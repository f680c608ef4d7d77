namespace EmrMarket.Core.Consent;

/// <summary>One consent change with what the patient had consented to before it.</summary>
public sealed record ConsentTrailEntry(ConsentState State, Purpose Previous)
{
    public Purpose Granted => State.Purposes & ~Previous;

    public Purpose Revoked => Previous & ~State.Purposes;

    public TrailPosition Position => new(State.At.BlockNumber, State.At.LogIndex);
}
