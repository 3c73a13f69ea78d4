# One image for the gateway and every mock; docker-compose.yml chooses the command.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY gateway gateway
COPY mocks mocks
COPY contracts contracts
COPY signing signing
RUN pip install --no-cache-dir .
ENV QAQPA_HOST=0.0.0.0 QAQPA_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
CMD ["qaqpa", "up"]
