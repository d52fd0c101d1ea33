namespace ImpalaAkka.Actors;

public sealed class AskTimeoutException(string message) : TimeoutException(message);
