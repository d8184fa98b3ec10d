use std::process::ExitCode;

fn main() -> ExitCode {
    peregrine::cli::main(std::env::args().skip(1).collect())
}
