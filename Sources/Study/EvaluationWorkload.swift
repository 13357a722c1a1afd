import MathTasks
import Transformer

extension SamplingWorkload {
    /// The sampling work of one evaluation of a preset study (`quick`; `paper` evaluates the same way), as
    /// `Pipeline.sample` does it: the study's test set (`eval.test_size` gsm questions; prompt = `<begin> question
    /// <sep>`), one greedy pass, then `eval.samples` samples per question at `eval.temperature`, prompts prefilled
    /// in batches of the evaluated model's batch size. The study lets a sample run until `<end>` or the context
    /// end; here every continuation is exactly as long as the test set's reference solutions are on average
    /// (`<end>` included), what a model that learned the task writes, so both samplers of `make bench` do the
    /// same work. The model's shape is not part of the workload (context 352 and vocabulary 101 in the study).
    public static func evaluation(preset: String = "quick") throws -> SamplingWorkload {
        let config = try StudyConfig(parsing: Presets.text(preset)!, file: "preset '\(preset)'")
        let tokenizer = Tokenizer()
        let tests = try StudyData.testSet(.gsm, size: config.eval.testSize, seed: config.seed)
        let prompts = try tests.map { try tokenizer.encodePrompt(question: $0.question).count }
        let solutions = try tests.map { try tokenizer.encode($0.answer).count + 1 }
        let meanSolution = Double(solutions.reduce(0, +)) / Double(solutions.count)
        return SamplingWorkload(promptLengths: prompts, samplesPerPrompt: config.eval.samples,
                                temperature: Float(config.eval.temperature), newTokens: Int(meanSolution.rounded()),
                                prefillBatch: Pipeline.modelBatch(config.sft))
    }
}
