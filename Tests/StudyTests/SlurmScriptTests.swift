import DataFiles
import Foundation
import XCTest
@testable import Study

/// The Slurm executor's pure parts: script texts, array chunks, parsing scontrol and sbatch output.
final class SlurmScriptTests: XCTestCase {
    let command = SlurmScript.Command(executable: "/opt/scaling", study: "/scratch/my study's", bases: "/b1:/b2", retryFailed: false)

    func testBaseScript() {
        let text = SlurmScript.base(hash: "abc123", label: "d64L2", studyName: "quick", command: command,
                                    resources: .init(cpus: 4, partition: "cpu", time: "1:00:00", memory: "4G"))
        XCTAssertEqual(text, """
        #!/bin/bash
        #SBATCH --job-name=scaling-quick-base-d64L2
        #SBATCH --ntasks=1
        #SBATCH --cpus-per-task=4
        #SBATCH --partition=cpu
        #SBATCH --time=1:00:00
        #SBATCH --mem=4G
        #SBATCH --output=/scratch/my study's/slurm/base-abc123-%j.log
        # Pretrains base abc123 (d64L2) of study quick (skipped when it is cached); the job arrays of its
        # runs start when this job succeeds (afterok).
        export OPENBLAS_NUM_THREADS=4 OMP_NUM_THREADS=4
        exec '/opt/scaling' sweep run '/scratch/my study'\\''s' --run abc123 --threads 4 --bases '/b1:/b2'

        """)
    }

    func testRunArrayScript() {
        var retry = command
        retry.retryFailed = true
        let text = SlurmScript.runArray(hashes: ["h1", "h2", "h3"], baseLabel: "d64L2", studyName: "quick", command: retry,
                                        resources: .init(cpus: 2))
        XCTAssertEqual(text, """
        #!/bin/bash
        #SBATCH --job-name=scaling-quick-runs-d64L2
        #SBATCH --array=0-2
        #SBATCH --ntasks=1
        #SBATCH --cpus-per-task=2
        #SBATCH --output=/scratch/my study's/slurm/runs-%A_%a.log
        #SBATCH --kill-on-invalid-dep=yes
        # 3 run(s) of study quick on base d64L2, one per array task; a finished run is skipped.
        hashes=(h1 h2 h3)
        hash=${hashes[$SLURM_ARRAY_TASK_ID]}
        mkdir -p '/scratch/my study'\\''s/runs/'"$hash"
        export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
        exec '/opt/scaling' sweep run '/scratch/my study'\\''s' --run "$hash" --threads 2 --bases '/b1:/b2' --retry-failed \\
          >'/scratch/my study'\\''s/runs/'"$hash"/slurm-"$SLURM_ARRAY_JOB_ID"_"$SLURM_ARRAY_TASK_ID".log 2>&1

        """)
    }

    func testChunksRespectMaxArraySize() {
        let hashes = (1...7).map { "h\($0)" }
        XCTAssertEqual(SlurmScript.chunks(hashes, maxArraySize: 3), [["h1", "h2", "h3"], ["h4", "h5", "h6"], ["h7"]])
        XCTAssertEqual(SlurmScript.chunks(hashes, maxArraySize: 7), [hashes])
        XCTAssertEqual(SlurmScript.chunks(hashes, maxArraySize: 1001), [hashes])
        XCTAssertEqual(SlurmScript.chunks(hashes, maxArraySize: 1).count, 7)
        XCTAssertEqual(SlurmScript.chunks([], maxArraySize: 4), [])
    }

    func testParsingScontrolAndSbatchOutput() {
        let config = """
        Configuration data as of 2026-12-02T05:00:00
        MailProg                = /bin/mail
        MaxArraySize            = 4
        MaxJobCount             = 10000
        """
        XCTAssertEqual(SlurmScript.maxArraySize(scontrolConfig: config), 4)
        XCTAssertNil(SlurmScript.maxArraySize(scontrolConfig: "MaxJobCount = 10000\n"))
        XCTAssertEqual(SlurmScript.jobID(sbatchOutput: "1234\n"), "1234")
        XCTAssertEqual(SlurmScript.jobID(sbatchOutput: "1234;cluster2\n"), "1234")
        XCTAssertNil(SlurmScript.jobID(sbatchOutput: "sbatch: error: Batch job submission failed\n"))
        XCTAssertNil(SlurmScript.jobID(sbatchOutput: ""))
    }

    func testQueuedHashesFromSqueue() {
        // Job 7 built base b1; job 8 is an array over r1, r2, r3; job 99 is someone else's.
        let jobs = ["7": ["b1"], "8": ["r1", "r2", "r3"]]
        let squeue = "7 N/A\n8 0\n8 2\n99 N/A\n99 1\n8 5\n"
        XCTAssertEqual(SlurmScript.queued(squeueOutput: squeue, jobs: jobs), ["b1": "7", "r1": "8_0", "r3": "8_2"])
        XCTAssertEqual(SlurmScript.queued(squeueOutput: "", jobs: jobs), [:])
    }
}

/// Where bases are looked up: --bases, SCALING_BASES, the config's `bases`, the study's ../bases and the repository.
final class BaseLocationsTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bases-\(UUID().uuidString)").path
        // A fake repository: Package.swift and notebooks-data/bases at its top.
        try FileManager.default.createDirectory(atPath: root + "/repo/notebooks-data/bases", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/repo/Sources/deep", withIntermediateDirectories: true)
        try "".write(toFile: root + "/repo/Package.swift", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func resolve(study: String = "mystudy", configured: String = "../bases", explicit: String? = nil,
                 environment: [String: String] = [:], from cwd: String) -> BaseLocations {
        BaseLocations.resolve(studyPath: study, configured: configured, explicit: explicit, environment: environment, currentDirectory: cwd)
    }

    func testRules() {
        let repoBases = root + "/repo/notebooks-data/bases"
        // Default, inside the repository: home next to the study, the shipped bases searched too.
        let inRepo = resolve(from: root + "/repo/Sources/deep")
        XCTAssertEqual(inRepo.directories, [root + "/repo/Sources/deep/bases", repoBases])
        XCTAssertEqual(inRepo.origins, [.studySibling, .repository])
        // A study inside notebooks-data: its ../bases is the shipped directory, listed once.
        XCTAssertEqual(resolve(study: "notebooks-data/quick", from: root + "/repo").directories, [repoBases])
        // Outside the repository: only the study's ../bases (an absolute study path ignores the cwd).
        XCTAssertEqual(resolve(study: root + "/elsewhere/s", from: root + "/elsewhere").directories, [root + "/elsewhere/bases"])
        // The config's own `bases`: exactly that, relative to the study.
        let configured = resolve(study: root + "/elsewhere/s", configured: "cache", from: root + "/repo")
        XCTAssertEqual(configured.directories, [root + "/elsewhere/s/cache"])
        XCTAssertEqual(configured.origins, [.config])
        // SCALING_BASES beats the config; --bases beats both; lists are `:`-separated, relative to the cwd.
        let env = ["SCALING_BASES": "x:/abs/y"]
        XCTAssertEqual(resolve(configured: "cache", environment: env, from: root + "/repo").directories, [root + "/repo/x", "/abs/y"])
        let option = resolve(configured: "cache", explicit: "/opt/b", environment: env, from: root + "/repo")
        XCTAssertEqual(option.directories, ["/opt/b"])
        XCTAssertEqual(option.origins, [.option])
        XCTAssertEqual(option.home, "/opt/b")
        XCTAssertEqual(BaseLocations(directories: ["/a", "/b"], origins: [.option, .option]).argument, "/a:/b")
    }

    /// A checkpoint found in a later directory is used; a missing one is built (locked) in the first.
    func testStoreSearchesAllDirectoriesAndBuildsInTheFirst() throws {
        let study = try StudyDirectory.create(path: root + "/elsewhere/tiny", configText: tinyConfig, configFile: "tiny.json", toolVersion: "test")
        let base = study.plan.bases[0]
        let shipped = BaseStore(directory: root + "/repo/notebooks-data/bases")
        try FileIO.writeAtomically(Data([1, 2, 3]), to: shipped.checkpointPath(base.hash))
        try shipped.seal(base, command: "test", extra: [:])
        let store = BaseStore(directories: [root + "/elsewhere/bases", shipped.directory])
        XCTAssertEqual(store.state(base), .valid)
        XCTAssertEqual(store.checkpoint(base), shipped.checkpointPath(base.hash))
        XCTAssertEqual(store.lockPath(base.hash), root + "/elsewhere/bases/.\(base.hash).lock")
        XCTAssertEqual(BaseStore(directories: [root + "/elsewhere/bases"]).state(base), .missing)
        XCTAssertEqual(BaseStore(directories: [root + "/elsewhere/bases"]).checkpoint(base), root + "/elsewhere/bases/\(base.hash).ckpt")
    }
}
