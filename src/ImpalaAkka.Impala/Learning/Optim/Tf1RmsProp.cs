using ImpalaAkka.Impala.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning.Optim;

/// <summary>
/// RMSProp as TensorFlow 1's <c>tf.train.RMSPropOptimizer</c> (the IMPALA paper's): epsilon inside
/// the square root, and the mean square starting at 1 (TF1 initialises that slot with ones).
/// <code>
/// ms  = decay ms + (1 - decay) g^2
/// mom = momentum mom + lr g / sqrt(ms + eps)
/// p  -= mom
/// </code>
/// </summary>
public sealed class Tf1RmsProp : LearnerOptimizer
{
    private readonly Tensor[] meanSquare;
    private readonly Tensor[]? momentumBuffer;
    private readonly HeldScalars scalars = new();

    public Tf1RmsProp(IReadOnlyList<Parameter> parameters, double learningRate, double decay = 0.99, double epsilon = 0.01, double momentum = 0)
        : base(parameters)
    {
        if (!(learningRate >= 0 && double.IsFinite(learningRate))) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be finite and >= 0");
        if (!(decay is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "decay must be in [0, 1]");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be > 0");
        if (!(momentum is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1]");
        LearningRate = learningRate;
        Decay = decay;
        Epsilon = epsilon;
        Momentum = momentum;
        using var noGrad = no_grad();
        meanSquare = [.. parameters.Select(p => ones_like(p).DetachFromDisposeScope())];
        momentumBuffer = momentum > 0 ? [.. parameters.Select(p => zeros_like(p).DetachFromDisposeScope())] : null;
    }

    public override double LearningRate { get; set; }

    public double Decay { get; }

    public double Epsilon { get; }

    public double Momentum { get; }

    public override string Kind => "rmsprop-tf1";

    protected override void StepCore()
    {
        // Every number goes to libtorch as a Scalar that stays reachable through the call (HeldScalars); the
        // learning rate changes with the schedule, so it gets one of its own for this step.
        // With momentum the rate scales the buffer, which is subtracted; without, it scales the step added.
        using var rate = (momentumBuffer is null ? -LearningRate : LearningRate).ToScalar();
        for (var i = 0; i < Parameters.Count; i++)
        {
            using var grad = Parameters[i].grad;
            if (grad is null) continue;
            meanSquare[i].mul_(scalars[Decay]).addcmul_(grad, grad, scalars[1 - Decay]);
            using var denominator = meanSquare[i].add(scalars[Epsilon], scalars.One).sqrt_();
            if (momentumBuffer is { } buffers)
            {
                buffers[i].mul_(scalars[Momentum]).addcdiv_(grad, denominator, rate);
                Parameters[i].sub_(buffers[i]);
            }
            else
            {
                Parameters[i].addcdiv_(grad, denominator, rate);
            }
        }
    }

    public override IReadOnlyList<(string Name, Tensor Value)> State()
    {
        var state = new List<(string, Tensor)>();
        for (var i = 0; i < Parameters.Count; i++)
        {
            state.Add(($"{i}.mean_square", meanSquare[i]));
            if (momentumBuffer is { } buffers) state.Add(($"{i}.momentum", buffers[i]));
        }
        return state;
    }

    public override void Dispose()
    {
        foreach (var tensor in meanSquare.Concat(momentumBuffer ?? [])) tensor.Dispose();
        scalars.Dispose();
        GC.SuppressFinalize(this);
    }
}
