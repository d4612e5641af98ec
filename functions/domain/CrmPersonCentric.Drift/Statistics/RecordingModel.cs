using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Partial recording. Sales users write down some of the traits a person holds, not all: each held trait of a dimension
/// is recorded with a chance ρ (the dimension's recording factor). A person holds a declared trait i with its prevalence
/// w_i and has it recorded with chance q_i = ρ·w_i, traits independently. Among the k declared traits, a person's
/// recorded set S, given that S is not empty (an empty dimension cannot be told from one never asked about), has the
/// likelihood Π_{i∈S} q_i Π_{i∉S} (1 − q_i) / (1 − Π_i (1 − q_i)); over n such people the counts x_i of each trait are
/// sufficient: ℓ = Σ_i [x_i ln q_i + (n − x_i) ln(1 − q_i)] − n ln(1 − Π_i (1 − q_i)).
/// <para>
/// The traits' shares relative to each other do not depend on ρ; how many traits a recorded person has does, which makes
/// ρ identifiable from k ≥ 2 declared traits (with one, x = n always and the likelihood is flat). One trait is tested
/// against the common factor by a likelihood ratio with ρ profiled out: H0 fixes w_j at its declaration, H1 frees it
/// (both fit ρ), 2·(ℓ₁ − ℓ₀) ~ χ²₁; its prevalence on the scale of all people is the H1 estimate ŵ_j with a profile-
/// likelihood interval. So a shortfall all traits share moves ρ, not each trait; a trait leaving the common factor is
/// drift. A real decline of every trait alike looks exactly like under-recording: that is not identifiable.
/// </para>
/// </summary>
public static class RecordingModel
{
    /// <summary>The smallest recording factor considered.</summary>
    public const double MinimumFactor = 0.02;

    /// <summary>χ²₁ at 95%: the profile-likelihood interval's drop.</summary>
    private static readonly double IntervalDrop = ChiSquared.InvCDF(1, 0.95);

    private const double Tolerance = 1e-6;

    /// <summary>χ²₁ at p = 0.001: the gain in likelihood that frees a trait from the common factor.</summary>
    public const double SelectionStatistic = 10.83;

    /// <summary>The log-likelihood of the declared traits' counts among the <paramref name="n"/> people with one of them recorded.</summary>
    /// <param name="factor">The recording factor ρ.</param>
    /// <param name="weights">The prevalences of the traits held to the factor (q = ρ·w).</param>
    /// <param name="free">Per trait, a recorded chance q of its own instead (NaN: held to the factor).</param>
    /// <param name="counts">People with each declared trait recorded.</param>
    /// <param name="n">People with at least one declared trait of the dimension recorded.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LogLikelihood(double factor, ReadOnlySpan<double> weights, ReadOnlySpan<double> free, ReadOnlySpan<long> counts, long n)
    {
        double sum = 0, none = 1;
        for (var i = 0; i < weights.Length; i++)
        {
            var q = Math.Clamp(double.IsNaN(free[i]) ? factor * weights[i] : free[i], 1e-12, 1 - 1e-12);
            none *= 1 - q;
            sum += (counts[i] * Math.Log(q)) + ((n - counts[i]) * Math.Log(1 - q));
        }

        return sum - (n * Math.Log(Math.Max(1 - none, 1e-300)));
    }

    /// <summary>The share of asked people with at least one declared trait recorded: 1 − Π (1 − ρ·w).</summary>
    public static double RecordedShare(double factor, ReadOnlySpan<double> weights)
    {
        var none = 1.0;
        foreach (var w in weights)
        {
            none *= 1 - Math.Clamp(factor * w, 0, 1);
        }

        return 1 - none;
    }

    /// <summary>
    /// The maximum-likelihood fit: the factor ρ in [<see cref="MinimumFactor"/>, 1] (or held at 1), and each trait of
    /// <paramref name="freed"/> with a recorded chance of its own. The freed chances have a closed form given one number:
    /// setting the likelihood's derivative in q_j to zero gives q_j = x_j / (n + c) with c = n·P₀ / (1 − P₀), P₀ = Π (1 − q)
    /// the chance of nothing recorded; so for a given ρ they are one root in s = n / (n + c) (<see cref="FreedScale"/>),
    /// and the fit is a search over ρ alone of that profile. (Coordinate ascent over ρ and each freed chance, which this
    /// replaces, needed some hundreds of likelihood evaluations per fit because the chances move together through P₀.)
    /// </summary>
    public static Fitted Fit(double[] weights, long[] counts, long n, ReadOnlySpan<int> freed, bool complete = false)
    {
        var free = new double[weights.Length];
        Array.Fill(free, double.NaN);
        if (n == 0)
        {
            foreach (var f in freed)
            {
                free[f] = 0;
            }

            return new Fitted(1, free, LogLikelihood(1, weights, free, counts, n));
        }

        var rates = new double[weights.Length];
        foreach (var f in freed)
        {
            rates[f] = (double)counts[f] / n;
        }

        var freedTraits = freed.ToArray();
        double Profile(double factor)
        {
            if (freedTraits.Length > 0)
            {
                var scale = FreedScale(factor, weights, rates, freedTraits);
                foreach (var f in freedTraits)
                {
                    free[f] = scale * rates[f];
                }
            }

            return LogLikelihood(factor, weights, free, counts, n);
        }

        // Evaluated once more at the factor found, so the freed chances returned are the ones that go with it.
        var factor = complete ? 1.0 : Maximize(Profile, MinimumFactor, 1).At;
        return new Fitted(factor, free, Profile(factor));
    }

    /// <summary>
    /// The freed chances' common scale s = n / (n + c) at a factor. c = n·P₀ / (1 − P₀) is, multiplied out,
    /// 1 − s = P₀(s) with P₀(s) = H · Π_freed (1 − s·x / n) and H = Π_held (1 − ρ·w): a line falling from 1 to 0 against a
    /// product of falling lines, which is convex. So g(s) = 1 − s − P₀(s) is concave, g(0) = 1 − H ≥ 0 and g(1) ≤ 0: with
    /// H &lt; 1 there is exactly one root in (0, 1]. With H = 1 (no held trait can be recorded) s = 0 is a root, and another
    /// exists only when the freed traits' rates add up to more than 1; otherwise the likelihood is flat towards s → 0 and
    /// the smallest s searched is taken.
    /// </summary>
    private static double FreedScale(double factor, double[] weights, double[] rates, int[] freedTraits)
    {
        var held = 1.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (Array.IndexOf(freedTraits, i) < 0)
            {
                held *= 1 - Math.Clamp(factor * weights[i], 1e-12, 1 - 1e-12);
            }
        }

        double Gap(double s)
        {
            var none = held;
            foreach (var f in freedTraits)
            {
                none *= 1 - Math.Min(s * rates[f], 1);
            }

            return 1 - s - none;
        }

        const double Smallest = 1e-9;
        if (Gap(1) >= 0)
        {
            return 1;
        }

        if (Gap(Smallest) <= 0)
        {
            return Smallest;
        }

        return MathNet.Numerics.RootFinding.Brent.TryFindRoot(Gap, Smallest, 1, 1e-13, 200, out var root) ? root : Smallest;
    }

    /// <summary>
    /// Which declared traits leave the common factor: forward selection, each step freeing the trait whose freeing
    /// raises the likelihood most, while that gain is clear (χ²₁ beyond p = 0.001). So one trait that really changed does
    /// not drag the factor the others are judged by (a stale trait would otherwise make every other one look high).
    /// The last trait to free leaves one held, and the factor is then whatever makes that one fit: every choice fits
    /// equally unless the factor's bounds tell them apart (it cannot pass 1: a trait recorded more often than declared
    /// even at complete recording cannot be the one held). So the last one is freed only when it also beats the other
    /// choice clearly (χ²₁ beyond p = 0.001); a tie was broken by a rounding error, and the trait left held was then
    /// reported at 100 % at 1M contacts.
    /// </summary>
    public static int[] Departing(double[] weights, long[] counts, long n)
    {
        var freed = new List<int>();
        var current = Fit(weights, counts, n, []).LogLikelihood;
        while (freed.Count < weights.Length - 1)
        {
            var best = (Trait: -1, Value: double.NegativeInfinity);
            var runnerUp = double.NegativeInfinity;
            for (var j = 0; j < weights.Length; j++)
            {
                if (!freed.Contains(j))
                {
                    var value = Fit(weights, counts, n, [.. freed, j]).LogLikelihood;
                    if (value > best.Value)
                    {
                        runnerUp = best.Value;
                        best = (j, value);
                    }
                    else
                    {
                        runnerUp = Math.Max(runnerUp, value);
                    }
                }
            }

            var last = freed.Count == weights.Length - 2;
            if (2 * (best.Value - current) < SelectionStatistic || (last && 2 * (best.Value - runnerUp) < SelectionStatistic))
            {
                break;
            }

            freed.Add(best.Trait);
            current = best.Value;
        }

        return [.. freed];
    }

    /// <summary>
    /// One declared trait against the dimension's common recording factor, the traits in <paramref name="departing"/>
    /// (but this one) free on both sides: H0 holds it to its declaration, H1 frees it.
    /// </summary>
    public static TraitTest Test(double[] weights, long[] counts, long n, int[] departing, int trait)
    {
        var others = departing.Where(d => d != trait).ToArray();
        var held = Fit(weights, counts, n, others);
        var null0 = held.LogLikelihood;
        var alternative = Fit(weights, counts, n, [.. others, trait]);
        // With every other trait freed the alternative has no factor of its own (any factor fits): this trait is the
        // factor's only measure, so its prevalence is read with the held fit's factor — its declaration, unless the
        // factor's bounds keep the declaration from fitting (then the statistic says so too).
        var factor = others.Length == weights.Length - 1 ? held.Factor : alternative.Factor;
        var estimate = Math.Min(1, alternative.Free[trait] / factor);
        var statistic = Math.Max(0, 2 * (alternative.LogLikelihood - null0));
        // The profile likelihood pins the trait's prevalence in one copy of the weights, reused by every evaluation (a fit
        // only reads its weights): the bounds below ask for it some hundreds of times per trait.
        var pinned = (double[])weights.Clone();
        double Profile(double prevalence)
        {
            pinned[trait] = prevalence;
            return Fit(pinned, counts, n, others).LogLikelihood;
        }

        var top = Math.Max(alternative.LogLikelihood, Profile(estimate));
        var signed = Math.Sign(estimate - weights[trait]) * Math.Sqrt(statistic);
        return new TraitTest(estimate, Bound(Profile, top, estimate, 0), Bound(Profile, top, estimate, 1), new TestResult(signed, 1 - ChiSquared.CDF(1, statistic)));
    }

    /// <summary>
    /// The maximum of a unimodal function on [a, b] by Brent's method (R. P. Brent, Algorithms for Minimization without
    /// Derivatives, 1973, ch. 5): a parabola through the last three points where it can be trusted, a golden-section step
    /// where it cannot, so a smooth likelihood takes about ten evaluations where golden-section search alone took thirty.
    /// The bounds themselves are compared at the end (MathNet's minimiser refuses a function that peaks at a bound, which
    /// a likelihood often does here: complete recording, a trait no one has).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double At, double Value) Maximize(Func<double, double> function, double a, double b)
    {
        const double Golden = 0.3819660112501051; // (3 − √5) / 2
        const double Step = Tolerance / 2;
        double lo = a, hi = b;
        double x = lo + (Golden * (hi - lo)), w = x, v = x;
        double fx = function(x), fw = fx, fv = fx;
        double d = 0, e = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var mid = (lo + hi) / 2;
            if (Math.Abs(x - mid) <= (2 * Step) - ((hi - lo) / 2))
            {
                break;
            }

            var parabolic = false;
            if (Math.Abs(e) > Step)
            {
                // The vertex of the parabola through (v, fv), (w, fw), (x, fx), as an offset p / q from x.
                var r = (x - w) * (fx - fv);
                var q = (x - v) * (fx - fw);
                var p = ((x - v) * q) - ((x - w) * r);
                q = 2 * (q - r);
                if (q > 0)
                {
                    p = -p;
                }

                q = Math.Abs(q);
                var previous = e;
                e = d;
                if (Math.Abs(p) < Math.Abs(q * previous / 2) && p > q * (lo - x) && p < q * (hi - x))
                {
                    d = p / q;
                    parabolic = true;
                    if ((x + d) - lo < 2 * Step || hi - (x + d) < 2 * Step)
                    {
                        d = x < mid ? Step : -Step;
                    }
                }
            }

            if (!parabolic)
            {
                e = (x < mid ? hi : lo) - x;
                d = Golden * e;
            }

            var u = Math.Abs(d) >= Step ? x + d : x + (d > 0 ? Step : -Step);
            var fu = function(u);
            if (fu >= fx)
            {
                if (u < x)
                {
                    hi = x;
                }
                else
                {
                    lo = x;
                }

                (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
            }
            else
            {
                if (u < x)
                {
                    lo = u;
                }
                else
                {
                    hi = u;
                }

                if (fu >= fw || w == x)
                {
                    (v, fv, w, fw) = (w, fw, u, fu);
                }
                else if (fu >= fv || v == x || v == w)
                {
                    (v, fv) = (u, fu);
                }
            }
        }

        var best = (At: x, Value: fx);
        foreach (var bound in (ReadOnlySpan<double>)[a, b])
        {
            var value = function(bound);
            if (value > best.Value)
            {
                best = (bound, value);
            }
        }

        return best;
    }

    /// <summary>
    /// Where the profile drops by the interval's χ² half-width between the estimate and a bound (0 or 1): the root of the
    /// drop, bracketed by the estimate (no drop) and the bound (beyond it), found by MathNet's Brent root finder.
    /// </summary>
    private static double Bound(Func<double, double> profile, double top, double estimate, double limit)
    {
        double Drop(double p) => (2 * (top - profile(p))) - IntervalDrop;
        if (Math.Abs(limit - estimate) < 1e-9 || Drop(limit) <= 0)
        {
            return limit;
        }

        // A drop already at the estimate (a fit a rounding error below its own maximum) leaves no interval on this side.
        return MathNet.Numerics.RootFinding.Brent.TryFindRoot(Drop, Math.Min(estimate, limit), Math.Max(estimate, limit), 1e-6, 100, out var root)
            ? root
            : estimate;
    }
}

/// <summary>A declared trait's test under the recording model.</summary>
/// <param name="Prevalence">Its estimated prevalence among all the persona's people (the likelihood's maximum).</param>
/// <param name="Low">The profile-likelihood 95% interval's lower end.</param>
/// <param name="High">Its upper end.</param>
/// <param name="Test">The likelihood-ratio test against the declaration: the signed root of the statistic, and its χ²₁ p-value.</param>
public readonly record struct TraitTest(double Prevalence, double Low, double High, TestResult Test);

/// <summary>A maximum-likelihood fit of the recording model.</summary>
/// <param name="Factor">The recording factor ρ̂.</param>
/// <param name="Free">Per trait, its own recorded chance when freed (NaN when held to the factor).</param>
/// <param name="LogLikelihood">The log-likelihood at the fit.</param>
public sealed record Fitted(double Factor, double[] Free, double LogLikelihood);
