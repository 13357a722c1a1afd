/// The GPT trainer.
