namespace CklGen.Cli;

public static class Cli
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("cklgen: not wired yet");
        return 2;
    }
}
