using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Protocol;

/// <summary>An unroll the learner holds, with the queue's delivery tag it came under (the tag it acks and reports used).</summary>
internal readonly record struct HeldUnroll(long Tag, Unroll Unroll);
