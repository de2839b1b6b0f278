import hydra
import mlflow
from omegaconf import DictConfig


@hydra.main(config_path="../conf", config_name="config", version_base=None)
def main(cfg: DictConfig) -> None:
    with mlflow.start_run():
        mlflow.log_params(dict(cfg))


if __name__ == "__main__":
    main()
