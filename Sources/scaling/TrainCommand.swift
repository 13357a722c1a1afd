import Arguments
import DataFiles

/// `scaling train`: Train or fine-tune a small GPT on JSONL problems.
enum TrainCommand: Command {
    static let spec = CommandSpec(name: "train", abstract: "Train or fine-tune a small GPT on JSONL problems.")
    static func run(_ arguments: ParsedArguments) throws {
        throw ToolError("'scaling train' is not implemented yet")
    }
}
