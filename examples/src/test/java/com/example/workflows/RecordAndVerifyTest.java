package com.example.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.format.GoldenRecorder;
import io.aos.ops.golden.format.SignatureStatus;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import io.aos.ops.golden.hash.GoldenHashes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record a trace with GoldenRecorder, then verify its signature and hashes as an auditor would. */
class RecordAndVerifyTest {

    private static final byte[] SECRET = "example-secret".getBytes(StandardCharsets.UTF_8);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void aRecordedTraceVerifiesAndAnEditedOneDoesNot() throws Exception {
        Path trace;
        String signature;
        BigInteger seed = BigInteger.valueOf(20260105);
        try (GoldenRecorder recorder = GoldenRecorder.open(dir, "run-1", SECRET, Clock.systemUTC())) {
            ObjectNode spec = JSON.objectNode().put("id", "refund").put("name", "Refund");
            spec.putArray("steps").addObject().put("skill", "issue_refund");
            recorder.recordRunStart(spec, seed, false, null);
            BigInteger stepSeed = GoldenHashes.stepSeed(seed, 0);
            ObjectNode result = JSON.objectNode().put("step_id", "s0").put("success", true);
            result.putObject("output").put("refunded_cents", 1250);
            recorder.recordStep(0, "s0", "issue_refund", JSON.objectNode().put("order", "o-7"), stepSeed, true,
                    result, null, null);
            signature = recorder.recordRunEnd("completed");  // forces the file to disk and writes <file>.sig
            trace = recorder.file();
        }
        assertEquals(signature, Files.readString(trace.resolveSibling(trace.getFileName() + ".sig")));

        TraceAudit audit = TraceAuditor.withSignatures(SECRET).audit(trace);
        assertEquals(SignatureStatus.VALID, audit.signature());
        assertTrue(audit.verified(false), audit.summaryJson()::toString);

        // one byte appended after signing: the signature no longer matches
        Files.writeString(trace, " ", StandardOpenOption.APPEND);
        TraceAudit tampered = TraceAuditor.withSignatures(SECRET).audit(trace);
        assertEquals(SignatureStatus.INVALID, tampered.signature());
        assertFalse(tampered.verified(false));
    }
}
