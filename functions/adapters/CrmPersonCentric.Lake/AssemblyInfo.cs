[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CrmPersonCentric.Lake.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CrmPersonCentric.Benchmarks")]
