using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Micro-benchmarks of the hot paths (BenchmarkDotNet), in process so they build and run offline:
//   dotnet run -c Release --project bench/Platform.Benchmarks -- --filter '*'            (everything, a few minutes)
//   dotnet run -c Release --project bench/Platform.Benchmarks -- --filter '*Jsonata*'    (one class)
// Each benchmark runs 3 warm-up and 15 measured iterations: about 20 s each, a few minutes a class.
// Results land in BenchmarkDotNet.Artifacts/ (ignored by git).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).AsDefault())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
