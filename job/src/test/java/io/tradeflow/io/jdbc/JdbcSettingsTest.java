package io.tradeflow.io.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class JdbcSettingsTest {

    @Test
    void toStringNeverShowsThePassword() {
        JdbcSettings s = new JdbcSettings("jdbc:postgresql://db:5432/tf", "tf", "s3cr3t");
        assertThat(s.toString())
                .doesNotContain("s3cr3t")
                .isEqualTo("JdbcSettings[url=jdbc:postgresql://db:5432/tf, user=tf, password=***]");
        assertThat(new JdbcSettings("jdbc:postgresql://db/tf", "tf", null).toString())
                .endsWith("password=<none>]");
    }

    @Test
    void toStringMasksAPasswordInTheUrl() {
        JdbcSettings s = new JdbcSettings(
                "jdbc:postgresql://db/tf?user=tf&password=s3cr3t&ssl=true", null, null);
        assertThat(s.toString()).doesNotContain("s3cr3t").contains("password=***&ssl=true");
    }

    @Test
    void ofReadsThePasswordFromTheEnvironment() {
        JdbcSettings s = JdbcSettings.of("jdbc:postgresql://db/tf", "tf");
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db/tf");
        assertThat(s.user()).isEqualTo("tf");
        assertThat(s.password()).isEqualTo(io.tradeflow.io.Secrets.read(io.tradeflow.io.Secrets.JDBC_PASSWORD));
    }

    @Test
    void isSerializable() throws Exception {
        JdbcSettings s = new JdbcSettings("jdbc:postgresql://db/tf", "tf", "pw");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(s);
        }
    }
}
