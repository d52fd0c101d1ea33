using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;

namespace ImpalaAkka.Tests.Shared;

/// <summary>
/// Runs a reader against many mutated inputs with FsCheck: each case must end in the reader's own
/// error type or succeed, within a time and an allocation bound. The suite runs a few hundred cases
/// from a fixed seed; <c>IMPALA_FUZZ_CASES=100000</c> (and optionally <c>IMPALA_FUZZ_SEED</c>)
/// runs a long, differently seeded search and prints its rate.
/// </summary>
internal static class Fuzz
{
    public static readonly TimeSpan MaxCaseTime = TimeSpan.FromSeconds(2);

    /// <summary>Checks <paramref name="read"/> on <paramref name="cases"/> inputs made by <paramref name="make"/> from a seeded RNG; <paramref name="expected"/> is the one exception type allowed.</summary>
    public static void Check<T>(string name, int cases, Func<Random, T> make, Action<T> read, Type expected, long maxAllocatedBytes)
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("IMPALA_FUZZ_CASES"), out var n) && n > 0 ? n : cases;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("IMPALA_FUZZ_SEED"), out var s) ? s : 20240613UL;
        var clock = Stopwatch.StartNew();
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), caseSeed =>
        {
            var input = make(new Random(caseSeed));
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            try
            {
                read(input);
            }
            catch (Exception e) when (e.GetType() != expected)
            {
                throw new InvalidOperationException($"{name}: case {caseSeed} threw {e.GetType().Name}, not {expected.Name}: {e.Message}", e);
            }
            catch (Exception e) when (e.Message.Contains("   at ", StringComparison.Ordinal) || e.Message.Contains("Hocon", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name}: case {caseSeed} gave a message with internals in it: {e.Message}", e);
            }
            catch (Exception)
            {
                // the reader's own, clear error
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > MaxCaseTime) throw new InvalidOperationException($"{name}: case {caseSeed} took {elapsed.TotalMilliseconds:F0} ms");
            var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (used > maxAllocatedBytes) throw new InvalidOperationException($"{name}: case {caseSeed} allocated {used} bytes (bound {maxAllocatedBytes})");
        });
        property.Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(total).WithQuietOnSuccess(true)
            .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 1000003UL), Microsoft.FSharp.Core.FSharpOption<int>.None))));
        if (total != cases) Console.WriteLine($"fuzz {name}: {total} cases in {clock.Elapsed.TotalSeconds:F1} s ({total / clock.Elapsed.TotalSeconds:F0} cases/s), no failure");
    }

    /// <summary>A copy of <paramref name="input"/> with 1 to 8 random edits (replace, insert, delete, duplicate a span), drawing new items from <paramref name="alphabet"/>.</summary>
    public static List<TItem> Mutate<TItem>(Random random, IReadOnlyList<TItem> input, IReadOnlyList<TItem> alphabet)
    {
        var result = new List<TItem>(input);
        for (var edits = random.Next(1, 9); edits > 0; edits--)
        {
            var at = random.Next(result.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < result.Count: result[at] = alphabet[random.Next(alphabet.Count)]; break;
                case 1: result.Insert(at, alphabet[random.Next(alphabet.Count)]); break;
                case 2 when at < result.Count: result.RemoveAt(at); break;
                case 3 when at < result.Count:
                    var length = Math.Min(random.Next(1, 64), result.Count - at);
                    result.InsertRange(random.Next(result.Count + 1), result.GetRange(at, length));
                    break;
            }
        }
        return result;
    }
}
