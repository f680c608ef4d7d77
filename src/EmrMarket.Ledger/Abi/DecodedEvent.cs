namespace EmrMarket.Ledger.Abi;

/// <summary>
/// An event log decoded against its ABI. Indexed arguments of dynamic types (string, bytes,
/// arrays, tuples) come back as the <see cref="Primitives.Hash32"/> topic, since only their
/// Keccak-256 hash is on chain.
/// </summary>
/// <param name="Event">The event definition.</param>
/// <param name="Values">The argument values in declaration order.</param>
/// <param name="Log">The raw log.</param>
public sealed record DecodedEvent(AbiEvent Event, IReadOnlyList<object?> Values, EventLog Log)
{
    /// <summary>The event's name.</summary>
    public string Name => Event.Name;

    /// <summary>An argument by name.</summary>
    /// <exception cref="AbiException">No argument has that name.</exception>
    public object? this[string name]
    {
        get
        {
            for (var i = 0; i < Event.Inputs.Count; i++)
            {
                if (Event.Inputs[i].Name == name) return Values[i];
            }
            throw new AbiException($"event {Event.Name} has no argument '{name}'");
        }
    }

    /// <summary>An argument by name, converted to <typeparamref name="T"/>.</summary>
    public T Get<T>(string name) => (T)this[name]!;
}
