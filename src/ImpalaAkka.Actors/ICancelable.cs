namespace ImpalaAkka.Actors;

public interface ICancelable
{
    void Cancel();
}
