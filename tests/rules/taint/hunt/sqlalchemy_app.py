"""SQLAlchemy Core and ORM sessions: text() with and without bound parameters."""

from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

app = FastAPI()
engine = create_engine("sqlite:///app.db")
SessionLocal = sessionmaker(bind=engine)


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@app.get("/users")
def users(name: str, db: Session = Depends(get_db)):
    # expect: CWE-89
    bad = db.execute(text(f"SELECT * FROM users WHERE name = '{name}'")).all()
    # safe: CWE-89
    good = db.execute(text("SELECT * FROM users WHERE name = :name"), {"name": name}).all()
    with engine.connect() as conn:
        # expect: CWE-89
        conn.execute(text("DELETE FROM users WHERE name = '" + name + "'"))
        # safe: CWE-89
        conn.execute(text("DELETE FROM users WHERE name = :n"), {"n": name})
    return {"bad": len(bad), "good": len(good)}
