return CklGen.Cli.Cli.Run(args);
