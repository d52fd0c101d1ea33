namespace ImpalaAkka.Actors;

/// <summary>Runtime messages: processed before user messages, even while an actor is suspended.</summary>
internal abstract record SystemMessage;

internal sealed record Create : SystemMessage;

internal sealed record StopActor : SystemMessage;

internal sealed record ResumeActor : SystemMessage;

internal sealed record RestartActor(Exception Reason) : SystemMessage;

internal sealed record AddWatcher(IActorRef Watcher) : SystemMessage;

internal sealed record RemoveWatcher(IActorRef Watcher) : SystemMessage;

internal sealed record ChildFailed(ActorCell Child, Exception Reason, object? Message) : SystemMessage;

internal sealed record ChildStopped(ActorCell Child) : SystemMessage;
