namespace ImpalaAkka.Impala.Protocol;

/// <summary>Why the learner settled a delivery without learning it.</summary>
internal enum DropReason
{
    /// <summary>Its producer id is settled (in the ledger), held or used since the last checkpoint under another tag.</summary>
    Duplicate,

    /// <summary>It does not fit the environment, unroll length or model.</summary>
    Malformed,

    /// <summary>It acted with a version more than max-lag behind the learner's.</summary>
    Stale,
}
