using System.Numerics;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// Exact best-first branch and bound over the generalization lattice. Nodes are visited in order of
/// a lower bound of their information loss that never decreases upwards (for Loss and entropy it is
/// the loss without suppression, so it is exact when the node suppresses nothing); the search stops
/// once the next bound exceeds the best satisfying node found. Monotonicity prunes in both
/// directions, as ARX's Flash does: when a node fails, it is lifted step by step to a maximal
/// failing node above it and everything below that is marked failing unchecked; when a node
/// satisfies a monotone model, everything above it is marked satisfying. Ties are broken by the
/// lower level sum, then the lower node id, so the result does not depend on the order of checks.
/// </summary>
internal sealed class LatticeSearch<TKey> where TKey : unmanaged, IBinaryInteger<TKey>
{
    private const byte Fail = 1;
    private const byte Pass = 2;
    private const byte Evaluated = 4;
    private const byte Queued = 8;

    private readonly Lattice lattice;
    private readonly Groupifier<TKey> groupifier;
    private readonly NodeEvaluator<TKey> evaluator;
    private readonly MetricModel metric;
    private readonly PrivacyModel model;
    private readonly ClassCache<TKey> cache;
    private readonly byte[] status;
    private readonly Stack<int> stack = new();
    private (double Loss, int LevelSum, int Id)? best;

    public LatticeSearch(Lattice lattice, Groupifier<TKey> groupifier, NodeEvaluator<TKey> evaluator, MetricModel metric, PrivacyModel model, ClassCache<TKey> cache)
    {
        this.lattice = lattice;
        this.groupifier = groupifier;
        this.evaluator = evaluator;
        this.metric = metric;
        this.model = model;
        this.cache = cache;
        status = new byte[lattice.Size];
    }

    public SearchOutcome Run()
    {
        var queue = new PriorityQueue<int, (double Bound, int LevelSum, int Id)>();
        Enqueue(queue, lattice.Bottom);
        var levels = new int[lattice.Dimensions];
        while (queue.TryDequeue(out var id, out var priority))
        {
            if (best is { } b && priority.Bound > b.Loss + Tolerance(b.Loss)) break;
            lattice.Decode(id, levels);
            for (var d = 0; d < lattice.Dimensions; d++)
            {
                if (levels[d] < lattice.Max[d] && (status[id + lattice.Stride[d]] & Queued) == 0)
                    Enqueue(queue, id + lattice.Stride[d]);
            }
            var state = status[id];
            if ((state & (Fail | Evaluated)) != 0) continue;
            if ((state & Pass) != 0 && model.MaxOutliers == 0 && metric.Metric != InformationLossMetric.Discernibility)
            {
                // Nothing can be suppressed, so the loss is exactly the bound.
                Accept(id, priority.Bound);
                continue;
            }
            Check(id, (int[])levels.Clone());
        }
        var winner = best is { } w ? lattice.Decode(w.Id) : null;
        return new SearchOutcome(winner, best?.Loss ?? double.NaN, groupifier.Evaluations, lattice.Size);
    }

    private void Check(int id, int[] levels)
    {
        var table = groupifier.RollUp(cache.SourceFor(levels), levels);
        cache.Add(table);
        status[id] |= Evaluated;
        var check = evaluator.Check(table, measure: true);
        if (check.Satisfied) Accept(id, check.Loss);
        else if (check.FailurePropagates) Lift(id, levels, table);
    }

    /// <summary>Climbs from a failing node, one attribute at a time round robin, while the node above still fails; marks the downset of the last as failing.</summary>
    private void Lift(int id, int[] levels, ClassTable<TKey> table)
    {
        var moved = true;
        while (moved)
        {
            moved = false;
            for (var d = 0; d < lattice.Dimensions; d++)
            {
                if (levels[d] == lattice.Max[d]) continue;
                var next = id + lattice.Stride[d];
                if ((status[next] & Pass) != 0) continue;
                var nextLevels = (int[])levels.Clone();
                nextLevels[d]++;
                var nextTable = groupifier.RollUp(table, nextLevels);
                cache.Add(nextTable);
                status[next] |= Evaluated;
                var check = evaluator.Check(nextTable, measure: true);
                if (check.Satisfied)
                {
                    Accept(next, check.Loss);
                }
                else if (check.FailurePropagates)
                {
                    (id, levels, table) = (next, nextLevels, nextTable);
                    moved = true;
                }
            }
        }
        MarkFailing(id);
    }

    private void Accept(int id, double loss)
    {
        var candidate = (loss, lattice.LevelSum(id), id);
        if (best is null || candidate.CompareTo(best.Value) < 0) best = candidate;
        if (model.Monotone) MarkPassing(id);
    }

    private void MarkFailing(int start) => Mark(start, Fail, up: false);

    private void MarkPassing(int start) => Mark(start, Pass, up: true);

    /// <summary>Marks a node and everything below (or above) it; the marks stay closed downwards (upwards), so the walk stops at marked nodes.</summary>
    private void Mark(int start, byte flag, bool up)
    {
        if ((status[start] & flag) != 0) return;
        stack.Push(start);
        status[start] |= flag;
        while (stack.TryPop(out var id))
        {
            for (var d = 0; d < lattice.Dimensions; d++)
            {
                var level = lattice.LevelOf(id, d);
                if (up ? level == lattice.Max[d] : level == lattice.Min[d]) continue;
                var neighbour = up ? id + lattice.Stride[d] : id - lattice.Stride[d];
                if ((status[neighbour] & flag) != 0) continue;
                status[neighbour] |= flag;
                stack.Push(neighbour);
            }
        }
    }

    private void Enqueue(PriorityQueue<int, (double, int, int)> queue, int id)
    {
        status[id] |= Queued;
        Span<int> levels = stackalloc int[lattice.Dimensions];
        lattice.Decode(id, levels);
        var sum = 0;
        foreach (var level in levels) sum += level;
        queue.Enqueue(id, (metric.LowerBound(levels), sum, id));
    }

    private static double Tolerance(double value) => 1e-9 * Math.Max(1, Math.Abs(value));
}
