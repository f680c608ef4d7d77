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
    private readonly TablePool<TKey> pool;
    private readonly byte[] status;
    private readonly int[] suppressedAtLeast;
    private readonly Stack<int> stack = new();
    private (double Loss, int LevelSum, int Id)? best;

    public LatticeSearch(Lattice lattice, Groupifier<TKey> groupifier, NodeEvaluator<TKey> evaluator, MetricModel metric, PrivacyModel model, ClassCache<TKey> cache, TablePool<TKey> pool)
    {
        this.pool = pool;
        this.lattice = lattice;
        this.groupifier = groupifier;
        this.evaluator = evaluator;
        this.metric = metric;
        this.model = model;
        this.cache = cache;
        status = new byte[lattice.Size];
        suppressedAtLeast = model.MaxOutliers > 0 && model.SuppressionMonotone ? new int[lattice.Size] : [];
    }

    public SearchOutcome Run(CancellationToken cancellationToken)
    {
        var queue = new PriorityQueue<int, (double Bound, int LevelSum, int Id, int Suppressed)>();
        Enqueue(queue, lattice.Bottom);
        var levels = new int[lattice.Dimensions];
        while (queue.TryDequeue(out var id, out var priority))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (best is { } b && priority.Bound > b.Loss + Tolerance(b.Loss)) break;
            lattice.Decode(id, levels);
            for (var d = 0; d < lattice.Dimensions; d++)
            {
                if (levels[d] < lattice.Max[d] && (status[id + lattice.Stride[d]] & Queued) == 0)
                    Enqueue(queue, id + lattice.Stride[d]);
            }
            var state = status[id];
            if ((state & (Fail | Evaluated)) != 0) continue;
            if (suppressedAtLeast.Length > 0 && suppressedAtLeast[id] > priority.Suppressed)
            {
                // A node above it suppresses that many records, so this one does too: a tighter bound.
                var bound = metric.LowerBound(levels, suppressedAtLeast[id]);
                if (best is { } c && bound > c.Loss + Tolerance(c.Loss)) continue;
                queue.Enqueue(id, (Math.Max(bound, priority.Bound), priority.LevelSum, id, suppressedAtLeast[id]));
                continue;
            }
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
        if (model.Monotone)
        {
            ProbeChain(id, levels);
            return;
        }
        var table = Evaluate(id, levels, cache.SourceFor(levels), out var check);
        if (!check.Satisfied && check.FailurePropagates) Lift(id, levels, table);
        else pool.Discard(table);
    }

    /// <summary>
    /// For a monotone model: walks a chain from the node to the top (raising attributes round robin)
    /// and binary-searches it for the highest failing node, as Flash does, so that a low node far
    /// below the border is settled by checking a few higher, cheaper nodes; then lifts that node.
    /// </summary>
    private void ProbeChain(int id, int[] levels)
    {
        var chain = new List<(int Id, int[] Levels)> { (id, levels) };
        var current = (int[])levels.Clone();
        var node = id;
        for (var d = 0; ; d = (d + 1) % lattice.Dimensions)
        {
            var skipped = 0;
            while (skipped < lattice.Dimensions && current[d] == lattice.Max[d])
            {
                d = (d + 1) % lattice.Dimensions;
                skipped++;
            }
            if (skipped == lattice.Dimensions) break;
            current[d]++;
            node += lattice.Stride[d];
            chain.Add((node, (int[])current.Clone()));
        }
        // chain[lo] is known to fail (or is the start, unknown); chain[hi] is known to pass (or past the top).
        int lo = 0, hi = chain.Count;
        ClassTable<TKey>? failing = null;
        var startKnown = false;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            var (midId, midLevels) = chain[mid];
            if ((status[midId] & Pass) != 0) { hi = mid; continue; }
            if ((status[midId] & Fail) != 0)
            {
                lo = mid;
                startKnown = true;
                pool.Discard(failing);
                failing = null;
                continue;
            }
            var table = Evaluate(midId, midLevels, cache.SourceFor(midLevels), out var check);
            if (check.Satisfied)
            {
                hi = mid;
                pool.Discard(table);
            }
            else
            {
                lo = mid;
                startKnown = true;
                pool.Discard(failing);
                failing = table;
            }
        }
        if (!startKnown)
        {
            var table = Evaluate(id, levels, cache.SourceFor(levels), out var check);
            if (check.Satisfied)
            {
                pool.Discard(table);
                return;
            }
            failing = table;
        }
        var (topId, topLevels) = chain[lo];
        failing ??= groupifier.RollUp(cache.SourceFor(topLevels), topLevels);
        Lift(topId, (int[])topLevels.Clone(), failing);
    }

    private ClassTable<TKey> Evaluate(int id, int[] levels, ClassTable<TKey> source, out NodeCheck check)
    {
        var table = groupifier.RollUp(source, levels);
        cache.Add(table);
        status[id] |= Evaluated;
        check = evaluator.Check(table, measure: true);
        if (check.Satisfied)
        {
            Accept(id, check.Loss);
            if (suppressedAtLeast.Length > 0 && check.Suppressed > 0) PropagateSuppression(id, (int)check.Suppressed);
        }
        return table;
    }

    /// <summary>
    /// Climbs from a failing node, one attribute at a time round robin, while the node above still
    /// fails; marks the downset of the last as failing. Takes over <paramref name="table"/>.
    /// </summary>
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
                var nextTable = Evaluate(next, nextLevels, table, out var check);
                if (!check.Satisfied && check.FailurePropagates)
                {
                    pool.Discard(table);
                    (id, levels, table) = (next, nextLevels, nextTable);
                    moved = true;
                }
                else
                {
                    pool.Discard(nextTable);
                }
            }
        }
        pool.Discard(table);
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

    /// <summary>Records that every node below suppresses at least as many records (suppression never grows upwards).</summary>
    private void PropagateSuppression(int start, int suppressed)
    {
        if (suppressedAtLeast[start] >= suppressed) return;
        suppressedAtLeast[start] = suppressed;
        stack.Push(start);
        while (stack.TryPop(out var id))
        {
            for (var d = 0; d < lattice.Dimensions; d++)
            {
                if (lattice.LevelOf(id, d) == lattice.Min[d]) continue;
                var below = id - lattice.Stride[d];
                if (suppressedAtLeast[below] >= suppressed) continue;
                suppressedAtLeast[below] = suppressed;
                stack.Push(below);
            }
        }
    }

    private void Enqueue(PriorityQueue<int, (double, int, int, int)> queue, int id)
    {
        status[id] |= Queued;
        Span<int> levels = stackalloc int[lattice.Dimensions];
        lattice.Decode(id, levels);
        var sum = 0;
        foreach (var level in levels) sum += level;
        queue.Enqueue(id, (metric.LowerBound(levels), sum, id, 0));
    }

    private static double Tolerance(double value) => 1e-9 * Math.Max(1, Math.Abs(value));
}
