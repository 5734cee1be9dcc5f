package io.usp.bench.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void readsPlainNumbersAndBinaryUnits() {
        assertThat(ByteSize.parse("1048576").bytes()).isEqualTo(1048576);
        assertThat(ByteSize.parse("64K").bytes()).isEqualTo(65536);
        assertThat(ByteSize.parse("1m").bytes()).isEqualTo(1 << 20);
        assertThat(ByteSize.parse("1G").bytes()).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("2GiB").bytes()).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("0").bytes()).isZero();
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> ByteSize.parse("fast")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteSize.parse("-1K")).hasMessageContaining("negative");
    }
}
