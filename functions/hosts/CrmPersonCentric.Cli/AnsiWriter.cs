using System.Text;
using Spectre.Console;

namespace CrmPersonCentric.Cli;

/// <summary>A text writer over an <see cref="IAnsiConsole"/>, so help and parse errors go where the rest goes.</summary>
/// <param name="console">The console.</param>
internal sealed class AnsiWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => console.Profile.Out.Writer.Write(value);
}
