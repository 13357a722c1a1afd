import MathTasks
import Transformer

/// The prototype's cheap diagnostic of the "arithmetic jump": teacher-forced accuracy of the units digit of
/// 2-digit + and - results inside the target format. The model reads a real solution line up to the tens digit
/// of the annotation's result (`(1) gives away 3: 46-3=<<46-3=4`) and must predict the units digit (`3`).
/// Chance is about 0.1; a base model before its jump sits there even when its format is perfect.
enum Probe {
    /// The probe value from which a base counts as past its jump: the prototype's bases measured ~0.1 before
    /// it and 0.95-1.00 after; in between the base is mid-jump and its sums are unreliable.
    static let pastJump = 0.9

    /// Probe items: 1-step gsm problems of the held-out templates with a + or - step and a 2-digit result,
    /// as (prompt tokens up to the tens digit, units digit token). Fixed: the same items for every model.
    static func items(tokenizer: Tokenizer, count: Int = 200) throws -> [([Tokenizer.Token], Tokenizer.Token)] {
        var generator = ChainGenerator(domain: .gsm, split: .test, seed: 0x9B0BE)
        var items: [([Tokenizer.Token], Tokenizer.Token)] = []
        var attempts = 0
        while items.count < count && attempts < 100 * count {
            attempts += 1
            let p = try generator.next(steps: 1)
            let result = p.answerValue
            let solution = p.answer
            guard (10...99).contains(result), [.add, .subtract].contains(p.operations[0].kind),
                  let open = solution.range(of: "<<"), let equals = solution[open.upperBound...].firstIndex(of: "=") else { continue }
            let prefix = String(solution[..<solution.index(after: equals)]) + String(result / 10)
            let prompt = try tokenizer.encodePrompt(question: p.question) + (try tokenizer.encode(prefix))
            items.append((prompt, try tokenizer.encode(String(result % 10))[0]))
        }
        return items
    }

    /// Share of items whose most likely next token is the right units digit.
    static func unitsDigitAccuracy(model: GPT, tokenizer: Tokenizer) throws -> Double {
        let items = try self.items(tokenizer: tokenizer)
        let V = model.config.vocabSize
        var right = 0
        var start = 0
        while start < items.count {
            let chunk = items[start..<min(items.count, start + model.maxBatch)]
            let T = chunk.map(\.0.count).max()!
            var inputs = [Int32](repeating: Tokenizer.pad, count: chunk.count * T)
            for (row, item) in chunk.enumerated() { for (t, token) in item.0.enumerated() { inputs[row * T + t] = token } }
            model.forward(inputs: inputs, batch: chunk.count, length: T)
            let logits = model.activations.logits
            for (row, item) in chunk.enumerated() {
                let base = (row * T + item.0.count - 1) * V
                var best = 0
                for v in 1..<V where logits[base + v] > logits[base + best] { best = v }
                if Int32(best) == item.1 { right += 1 }
            }
            start += chunk.count
        }
        return Double(right) / Double(max(items.count, 1))
    }
}
