namespace ImpalaAkka.Actors.TestKit;

/// <summary>An expectation of a <see cref="TestProbe"/> that was not met; the message says what was expected and what came.</summary>
public sealed class TestKitException(string message) : Exception(message);
